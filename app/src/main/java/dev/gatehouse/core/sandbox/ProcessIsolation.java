package dev.gatehouse.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a process tool is fenced in, found once per JVM. On Linux: {@code bwrap} when installed, else {@code unshare}
 * with user, network, mount and pid namespaces when the kernel lets an unprivileged user create them. Both give
 * the process no network (an empty network namespace: not even loopback), a file system read-only everywhere
 * but its own directory, no capabilities, and a pid namespace whose processes all die with it. Elsewhere, or
 * when neither works, {@link #NONE}: an empty environment, a temporary directory and a deadline, nothing more.
 */
public enum ProcessIsolation {
    BWRAP("bwrap: no network, read-only outside its directory, new pid namespace"),
    UNSHARE("unshare: no network, read-only outside its directory, no capabilities, new pid namespace"),
    NONE("none: empty environment and its own directory only; the network and the file system are open");

    /**
     * Run inside the namespaces by {@code unshare}: every mount read-only, the work directory bound writable over
     * itself, then the command with every capability dropped (so it cannot remount) and an empty environment.
     */
    private static final String FENCE = "set -e; w=\"$1\"; shift; "
            + "for m in $(awk '{print $2}' /proc/self/mounts | sort -u); do mount -o remount,bind,ro \"$m\" 2>/dev/null || true; done; "
            + "mount --bind \"$w\" \"$w\"; mount -o remount,bind,rw \"$w\"; cd \"$w\"; "
            + "exec setpriv --no-new-privs --bounding-set=-all --inh-caps=-all -- env -i \"$@\"";

    private static volatile ProcessIsolation detected;

    private final String description;

    ProcessIsolation(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The best isolation this machine gives, tried once with a real process. */
    public static ProcessIsolation detect() {
        ProcessIsolation d = detected;
        if (d == null) {
            d = probe();
            detected = d;
        }
        return d;
    }

    private static ProcessIsolation probe() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return NONE;
        }
        try {
            Path dir = Files.createTempDirectory("gatehouse-probe");
            try {
                if (onPath("bwrap") && works(BWRAP.wrap(List.of("true"), dir))) {
                    return BWRAP;
                }
                if (onPath("unshare") && onPath("setpriv") && works(UNSHARE.wrap(List.of("true"), dir))) {
                    return UNSHARE;
                }
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            return NONE;
        }
        return NONE;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin", program)) || Files.isExecutable(Path.of("/bin", program));
    }

    private static boolean works(List<String> argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The command line that runs {@code command} in {@code dir} with this isolation. */
    List<String> wrap(List<String> command, Path dir) {
        String w = dir.toAbsolutePath().toString();
        List<String> out = new ArrayList<>();
        switch (this) {
            case BWRAP -> {
                out.addAll(List.of("bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                        "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--bind", w, w, "--chdir", w, "--clearenv"));
                out.add("--");
            }
            case UNSHARE -> {
                out.addAll(List.of("unshare", "--user", "--map-root-user", "--net", "--mount", "--pid", "--fork", "--kill-child",
                        "--", "/bin/sh", "-c", FENCE, "gatehouse-fence", w));
            }
            case NONE -> {
            }
        }
        out.addAll(command);
        return out;
    }
}
