package dev.gatehouse;

import dev.gatehouse.cli.GatehouseCommand;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the one jar. No arguments, or only the desktop app's own ({@code --workspace=DIR},
 * {@code --open=FILE:LINE}), open the desktop app; anything else runs the CLI, which never loads
 * a JavaFX class (it runs with no display). Main does not extend Application: a fat jar whose main class does
 * fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || dev.gatehouse.ui.LaunchOptions.isDesktop(args)) {
            dev.gatehouse.ui.GatehouseLauncher.launch(args);
            return;
        }
        // Standard output itself rather than System.out, a PrintStream that swallows write errors: a command can then
        // tell that its reader has gone (`gatehouse matrix … | head`) and stop rather than render the rest.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = GatehouseCommand.run(args, out, err);
        out.flush(); // the buffer above must reach the reader before the JVM exits
        err.flush();
        System.exit(code);
    }
}
