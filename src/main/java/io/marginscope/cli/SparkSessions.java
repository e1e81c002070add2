package io.marginscope.cli;

import io.marginscope.impact.AccountInput;
import io.marginscope.io.InputException;
import io.marginscope.run.ImpactInputs;
import io.marginscope.run.LocalImpactEngine;
import io.marginscope.spark.SparkImpactEngine;
import org.apache.spark.sql.SparkSession;

import java.util.Iterator;

/** The Spark session of one impact run (only loaded when Spark is on the class path). */
final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * Runs on the master given, else the one spark-submit set, else {@code local[*]}; the session is
     * stopped at the end.
     */
    static long run(ImpactInputs inputs, Iterator<AccountInput> accounts, String master,
                    LocalImpactEngine.Sink sink, LocalImpactEngine.Progress progress) throws InputException {
        SparkSession.Builder b = SparkSession.builder().appName("marginscope impact");
        String m = master != null ? master : System.getProperty("spark.master");
        if (m == null) {
            m = "local[*]";
        }
        b.master(m);
        if (m.startsWith("local")) {
            b.config("spark.ui.enabled", "false");
            // no spark-warehouse folder left in the working directory
            b.config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/marginscope-spark-warehouse");
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            return SparkImpactEngine.run(spark, inputs, accounts, SparkImpactEngine.DEFAULT_CHUNK, sink, progress);
        } finally {
            spark.stop();
        }
    }
}
