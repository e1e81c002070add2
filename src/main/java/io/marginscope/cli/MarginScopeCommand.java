package io.marginscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line: {@code marginscope <command> [options]}. */
@Command(name = "marginscope",
        mixinStandardHelpOptions = true,
        versionProvider = MarginScopeCommand.Version.class,
        description = "Risk-adjusted maintenance margin for crypto derivatives. Without a command, opens the workstation.",
        subcommands = {ComputeCommand.class, StressCommand.class, CompareCommand.class, BacktestCommand.class,
                BenchCommand.class, SessionCommand.class, LiveCommand.class, WhatIfCommand.class,
                ExplainCommand.class, SurfaceCommand.class, ImpactCommand.class, AccountsGenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class MarginScopeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit codes of FORMATS.md section 5. */
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    /** Builds the command line with the contract's exit codes and one-line error messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MarginScopeCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof io.marginscope.io.InputException ie) {
                cmd.getErr().println("error: " + Messages.oneLine(ie.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof io.marginscope.report.OutputTarget.BadTarget bt) {
                cmd.getErr().println("error: " + Messages.oneLine(bt.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof io.marginscope.store.NoSuchSessionException ns) {
                cmd.getErr().println("error: " + ns.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof io.marginscope.store.StoreException se) {
                cmd.getErr().println("error: " + Messages.oneLine(se.getMessage()));
                return INTERNAL_ERROR;
            }
            if (ex instanceof java.io.IOException io) {
                // a write that failed (disk full, read-only, permission): one line, nothing half written
                cmd.getErr().println("error: " + Messages.oneLine(io.getMessage() == null ? io.toString() : io.getMessage()));
                return INTERNAL_ERROR;
            }
            if (ex instanceof IllegalArgumentException || ex instanceof ArithmeticException
                    || ex instanceof org.apache.commons.math3.exception.MathRuntimeException) {
                // numeric trouble the inputs lead the engine into (an unbracketed root, a value out of a
                // model's domain): the inputs cannot be computed; one line, no trace
                cmd.getErr().println("error: cannot compute these inputs: " + Messages.oneLine(String.valueOf(ex.getMessage())));
                return BAD_INPUT;
            }
            cmd.getErr().println("internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + Messages.oneLine(ex.getMessage())
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        return cl;
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MarginScopeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"MarginScope " + (v == null ? "(development build)" : v)};
        }
    }
}
