package dev.gatehouse.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code installers/gatehouse}, the launcher on PATH: which JVM options it picks for which job (through a stand-in
 * {@code java} that prints its arguments), and that a real run through it answers as the CLI does in-process.
 */
class LauncherScriptTest {
    private static final Path LAUNCHER = Path.of("../installers/gatehouse").toAbsolutePath().normalize();

    @TempDir
    static Path dir;
    private static Path fakeHome;
    private static Path jar;

    @BeforeAll
    static void standIns() throws IOException {
        assumeTrue(new File("/bin/sh").canExecute(), "needs a POSIX shell");
        fakeHome = dir.resolve("jdk");
        Files.createDirectories(fakeHome.resolve("bin"));
        Path java = fakeHome.resolve("bin/java");
        // Prints its arguments; asked to archive its classes at exit, writes an archive as the JVM would.
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; case $a in -XX:ArchiveClassesAtExit=*)"
                + " printf archive > \"${a#-XX:ArchiveClassesAtExit=}\";; esac; done\n");
        assertTrue(java.toFile().setExecutable(true));
        jar = dir.resolve("lib/gatehouse.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not read by the stand-in");
    }

    /** The stand-in java's arguments, one per line, for a launch with {@code args}. */
    private static List<String> launch(Map<String, String> env, String... args) throws Exception {
        Run r = run(env, args);
        assertEquals(0, r.exit, r.err);
        return r.out.lines().toList();
    }

    private static List<String> launch(String... args) throws Exception {
        return launch(Map.of("JAVA_HOME", fakeHome.toString(), "GATEHOUSE_JAR", jar.toString(), "GATEHOUSE_HUGE_PAGES", "off",
                "GATEHOUSE_CDS", "off"), args);
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) throws Exception {
        return runScript(LAUNCHER, env, args);
    }

    private static Run runScript(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GATEHOUSE_JAVA_OPTS");
        pb.environment().remove("GATEHOUSE_JAR");
        pb.environment().remove("GATEHOUSE_HUGE_PAGES");
        pb.environment().remove("GATEHOUSE_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    @Test
    void aShortCommandRunsWithTheClientCompilerAndTheSerialCollector() throws Exception {
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "validate", "samples/governed", "--format", "json"),
                launch("validate", "samples/governed", "--format", "json"));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--version"), launch("--version"));
    }

    @Test
    void theLongJobsKeepTieredCompilation() throws Exception {
        for (String job : List.of("matrix", "test", "run")) {
            assertEquals(List.of("-XX:+UseSerialGC", "-jar", jar.toString(), job, "ws"), launch(job, "ws"), job);
        }
        assertEquals(List.of("-XX:+UseSerialGC", "-jar", jar.toString(), "matrix", "--format", "csv", "ws"), launch("matrix", "--format", "csv", "ws"));
    }

    @Test
    void theDesktopAppKeepsTheJvmDefaultsAndUsesAnArchiveOnlyWhenItIsNewerThanTheJar() throws Exception {
        assertEquals(List.of("-jar", jar.toString()), launch());
        assertEquals(List.of("-jar", jar.toString(), "--workspace=ws", "--open=a.yaml:3"), launch("--workspace=ws", "--open=a.yaml:3"));
        // Not only the app's own options: the jar runs the CLI, so the launcher does too.
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--workspace=ws", "--help"),
                launch("--workspace=ws", "--help"));

        Path archive = dir.resolve("lib/gatehouse-cds.jsa");
        Files.writeString(archive, "archive");
        try {
            Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
            assertEquals(List.of("-jar", jar.toString()), launch(), "an archive older than the jar belongs to another build");
            Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
            assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-jar", jar.toString()), launch());
        } finally {
            Files.delete(archive);
        }
    }

    @Test
    void theDesktopAppsFirstStartMakesTheArchiveItsNextStartsUse() throws Exception {
        Path own = dir.resolve("trained/lib/gatehouse.jar");
        Files.createDirectories(own.getParent());
        Files.writeString(own, "not read by the stand-in");
        Path archive = own.resolveSibling("gatehouse-cds.jsa");
        Map<String, String> env = Map.of("JAVA_HOME", fakeHome.toString(), "GATEHOUSE_JAR", own.toString(), "GATEHOUSE_HUGE_PAGES", "off",
                "HOME", dir.resolve("home").toString());

        List<String> first = launch(env, "--workspace=ws");
        assertTrue(first.get(0).startsWith("-XX:ArchiveClassesAtExit=" + archive + ".") && first.get(0).endsWith(".part"), first.toString());
        assertEquals(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", own.toString(), "--workspace=ws"), first.subList(1, first.size()));
        assertEquals("archive", Files.readString(archive), "the archive written at exit, moved into place");
        try (var files = Files.list(own.getParent())) {
            assertEquals(List.of("gatehouse-cds.jsa", "gatehouse.jar"), files.map(f -> f.getFileName().toString()).sorted().toList(), "no part left");
        }

        assertEquals(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-jar", own.toString()), launch(env));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", own.toString(), "validate", "ws"), launch(env, "validate", "ws"),
                "the CLI neither makes nor uses it");

        Files.setLastModifiedTime(own, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 60_000));
        assertTrue(launch(env).get(0).startsWith("-XX:ArchiveClassesAtExit="), "a rebuilt jar makes its archive again");

        Run wrong = run(Map.of("JAVA_HOME", fakeHome.toString(), "GATEHOUSE_JAR", own.toString(), "GATEHOUSE_CDS", "yes"));
        assertEquals(2, wrong.exit());
        assertEquals("gatehouse: GATEHOUSE_CDS must be auto or off, not yes\n", wrong.err());
    }

    @Test
    void theDesktopAndTheLongJobsAskForHugePagesWhereTheKernelOffersThem() throws Exception {
        Map<String, String> on = Map.of("JAVA_HOME", fakeHome.toString(), "GATEHOUSE_JAR", jar.toString(), "GATEHOUSE_HUGE_PAGES", "on",
                "GATEHOUSE_CDS", "off");
        assertEquals(List.of("-XX:+UseTransparentHugePages", "-jar", jar.toString()), launch(on));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:+UseTransparentHugePages", "-jar", jar.toString(), "matrix", "ws"), launch(on, "matrix", "ws"));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "validate", "ws"), launch(on, "validate", "ws"),
                "a short command has no index to read at random");

        // By default, as the kernel says: the JVM warns on standard output where it has none to give.
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean offered = Files.isReadable(thp) && java.util.regex.Pattern.compile("\\[(always|madvise)\\]").matcher(Files.readString(thp)).find();
        assertEquals(offered ? List.of("-XX:+UseSerialGC", "-XX:+UseTransparentHugePages", "-jar", jar.toString(), "test", "ws")
                : List.of("-XX:+UseSerialGC", "-jar", jar.toString(), "test", "ws"),
                launch(Map.of("JAVA_HOME", fakeHome.toString(), "GATEHOUSE_JAR", jar.toString()), "test", "ws"));

        Run wrong = run(Map.of("JAVA_HOME", fakeHome.toString(), "GATEHOUSE_JAR", jar.toString(), "GATEHOUSE_HUGE_PAGES", "maybe"), "matrix", "ws");
        assertEquals(2, wrong.exit());
        assertEquals("gatehouse: GATEHOUSE_HUGE_PAGES must be auto, on or off, not maybe\n", wrong.err());
    }

    @Test
    void theUsersOptionsComeLastSoTheyWin() throws Exception {
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx2g", "-XX:TieredStopAtLevel=4", "-jar", jar.toString(), "validate", "x"),
                launch(Map.of("JAVA_HOME", fakeHome.toString(), "GATEHOUSE_JAR", jar.toString(), "GATEHOUSE_HUGE_PAGES", "off",
                        "GATEHOUSE_JAVA_OPTS", "-Xmx2g -XX:TieredStopAtLevel=4"),
                        "validate", "x"));
    }

    @Test
    void theJarBesideTheLauncherIsFoundAndAMissingJarIsAUsageError() throws Exception {
        Path installed = dir.resolve("installed");
        Files.createDirectories(installed.resolve("lib"));
        Path launcher = installed.resolve("gatehouse");
        Files.copy(LAUNCHER, launcher);
        Run missing = runScript(launcher, Map.of("JAVA_HOME", fakeHome.toString()), "validate", "x");
        assertEquals(2, missing.exit);
        assertTrue(missing.err.startsWith("gatehouse: no gatehouse.jar"), missing.err);
        assertEquals("", missing.out);

        Path beside = installed.resolve("lib/gatehouse.jar");
        Files.writeString(beside, "jar");
        Run found = runScript(launcher, Map.of("JAVA_HOME", fakeHome.toString()), "validate", "x");
        assertEquals(0, found.exit, found.err);
        assertTrue(found.out.lines().toList().containsAll(List.of("-jar", beside.toString())), found.out);
    }

    /**
     * A real JVM through the launcher: a jar whose manifest names the test's class path (the build's jar does not
     * exist yet when the tests run) validates the sample as the in-process CLI does, with the same exit code.
     */
    @Test
    void aRealRunAnswersAsTheCliDoes() throws Exception {
        Path real = dir.resolve("real/gatehouse.jar");
        Files.createDirectories(real.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.gatehouse.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(real); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
        String javaHome = System.getProperty("java.home");
        Path sample = Path.of("../samples/mistakes").toAbsolutePath().normalize();
        Run r = run(Map.of("JAVA_HOME", javaHome, "GATEHOUSE_JAR", real.toString()), "validate", sample.toString(), "--format", "json");
        CliRun expected = CliRun.of("validate", sample.toString(), "--format", "json");
        assertEquals(1, expected.exit(), "the mistakes sample has errors");
        assertEquals(expected.exit(), r.exit, r.err);
        assertEquals(expected.out(), r.out);
    }
}
