package dev.gatehouse;

import dev.gatehouse.cli.GatehouseCommand;

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
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(GatehouseCommand.run(args, out, err));
    }
}
