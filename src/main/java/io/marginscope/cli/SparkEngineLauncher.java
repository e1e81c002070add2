package io.marginscope.cli;

import io.marginscope.impact.AccountInput;
import io.marginscope.io.InputException;
import io.marginscope.run.ImpactInputs;
import io.marginscope.run.LocalImpactEngine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.Iterator;

/**
 * Starts the Spark engine of {@code impact --engine spark}. Spark is not part of the application's
 * runtime (docs/impact.md): it is there under spark-submit, or with its jars on the class path; without
 * it the option is refused with a message saying so.
 */
final class SparkEngineLauncher {

    static final String SESSION_CLASS = "org.apache.spark.sql.SparkSession";

    private SparkEngineLauncher() {
    }

    static boolean sparkPresent() {
        try {
            Class.forName(SESSION_CLASS, false, SparkEngineLauncher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static long run(CommandSpec spec, ImpactInputs inputs, Iterator<AccountInput> accounts, String master,
                    LocalImpactEngine.Sink sink, LocalImpactEngine.Progress progress) throws InputException {
        if (!sparkPresent()) {
            throw new ParameterException(spec.commandLine(), "--engine spark: Apache Spark is not on the class path; "
                    + "run the command through spark-submit (docs/impact.md) or use --engine local");
        }
        return SparkSessions.run(inputs, accounts, master, sink, progress);
    }
}
