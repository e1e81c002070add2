package io.marginscope;

import io.marginscope.cli.MarginScopeCommand;

/**
 * The program's entry point. With no arguments, or with
 * {@code gui [--portfolio P] [--market M] [--history H]},
 * it opens the workstation ({@code --startup-probe} first: timed, see docs/startup.md); with a command it runs the command line and exits with its status.
 * It does not extend {@code Application}, so JavaFX on the class path starts normally.
 */
public final class Launcher {

    static final String GUI_USAGE = "Usage: marginscope [gui [--portfolio P [--market M]] [--history H]]\n"
            + "Opens the workstation on the book P (default: the sample btc-short-strangle), its market M (default:"
            + " the snapshot beside P) and the price history H (default: the program's own daily closes).";

    private Launcher() {
    }

    /**
     * What is wrong with the workstation's arguments: null when they are fine, "" for --help, else a
     * one-line reason (an unknown option or one without its value is refused before any window opens,
     * never ignored).
     */
    static String guiProblem(String[] args) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return "";
                }
                case "--portfolio", "--market", "--history" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        return a + " needs a path";
                    }
                    if (!seen.add(a)) {
                        return a + " given twice";
                    }
                    i++;
                }
                default -> {
                    return "unknown option '" + (a.length() > 80 ? a.substring(0, 80) + "..." : a) + "'";
                }
            }
        }
        if (seen.contains("--market") && !seen.contains("--portfolio")) {
            return "--market needs --portfolio";
        }
        return null;
    }

    public static void main(String[] args) {
        io.marginscope.ui.app.StartupProbe.mark("main");
        if (args.length > 0 && io.marginscope.ui.app.StartupProbe.ARGUMENT.equals(args[0])) {
            // marginscope --startup-probe [gui options]: the workstation, timed (docs/startup.md)
            io.marginscope.ui.app.StartupProbe.enableProbe();
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
            io.marginscope.ui.app.WorkstationApp.open(args);
            return;
        }
        if (args.length == 0 || "gui".equals(args[0])) {
            String[] gui = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
            String problem = guiProblem(gui);
            if (problem != null) {
                boolean help = problem.isEmpty();
                (help ? System.out : System.err).println(help ? GUI_USAGE : "error: gui: " + problem + "\n" + GUI_USAGE);
                System.exit(help ? 0 : 2);
            }
            io.marginscope.ui.app.WorkstationApp.open(gui);
            return;
        }
        System.exit(MarginScopeCommand.run(args));
    }
}
