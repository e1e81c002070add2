package io.marginscope;

import io.marginscope.cli.MarginScopeCommand;

/**
 * The program's entry point. With no arguments, or with
 * {@code gui [--portfolio P] [--market M] [--history H]},
 * it opens the workstation ({@code --startup-probe} first: timed, see docs/startup.md); with a command it runs the command line and exits with its status.
 * It does not extend {@code Application}, so JavaFX on the class path starts normally.
 */
public final class Launcher {

    private Launcher() {
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
            io.marginscope.ui.app.WorkstationApp.open(args.length == 0 ? args
                    : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(MarginScopeCommand.run(args));
    }
}
