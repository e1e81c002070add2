package io.marginscope;

import io.marginscope.cli.MarginScopeCommand;

/**
 * The program's entry point. With no arguments, or with
 * {@code gui [--portfolio P] [--market M] [--history H]},
 * it opens the workstation; with a command it runs the command line and exits with its status.
 * It does not extend {@code Application}, so JavaFX on the class path starts normally.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || "gui".equals(args[0])) {
            io.marginscope.ui.WorkstationApp.open(args.length == 0 ? args
                    : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(MarginScopeCommand.run(args));
    }
}
