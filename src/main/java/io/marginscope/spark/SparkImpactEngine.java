package io.marginscope.spark;

import io.marginscope.impact.AccountInput;
import io.marginscope.impact.AccountResult;
import io.marginscope.io.InputException;
import io.marginscope.run.ImpactEvaluator;
import io.marginscope.run.ImpactInputs;
import io.marginscope.run.LocalImpactEngine;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The Spark engine of an impact run (docs/impact.md): the same per-account computation as the local
 * engine ({@link ImpactEvaluator#evaluate}), run by Spark's executors. The driver streams the client
 * base in chunks; each chunk becomes a Dataset of accounts whose partitions build one evaluator from
 * the broadcast inputs and margin their accounts; the result rows (the same {@link AccountResult}
 * records) come back to the driver and are handed to the sink in the order of the base, so the sums
 * are those of the local engine bit for bit.
 */
public final class SparkImpactEngine {

    /** Accounts per chunk: bounds what the driver holds at once. */
    public static final int DEFAULT_CHUNK = 20_000;

    private SparkImpactEngine() {
    }

    /**
     * Margins every account on the session's executors.
     *
     * @return the number of accounts handed to the sink
     */
    public static long run(SparkSession spark, ImpactInputs inputs, Iterator<AccountInput> accounts, int chunk,
                           LocalImpactEngine.Sink sink, LocalImpactEngine.Progress progress) throws InputException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ImpactInputs> shared = jsc.broadcast(inputs);
        Encoder<AccountInput> in = Encoders.javaSerialization(AccountInput.class);
        Encoder<AccountResult> out = Encoders.javaSerialization(AccountResult.class);
        int partitions = Math.max(1, jsc.defaultParallelism());
        long done = 0;
        List<AccountInput> batch = new ArrayList<>(Math.min(chunk, 1 << 16));
        while (accounts.hasNext()) {
            batch.clear();
            while (batch.size() < chunk && accounts.hasNext()) {
                batch.add(accounts.next());
            }
            // sliced evenly over the partitions, in order, without a shuffle
            Dataset<AccountInput> ds = spark.createDataset(jsc.parallelize(new ArrayList<>(batch), partitions).rdd(),
                    in);
            List<AccountResult> results = new ArrayList<>(ds.mapPartitions(new Evaluate(shared), out).collectAsList());
            results.sort(Comparator.comparingLong(AccountResult::index));
            for (AccountResult r : results) {
                sink.accept(r);
                progress.done(++done);
            }
        }
        shared.destroy();
        return done;
    }

    /** One partition: an evaluator built from the broadcast inputs, then its accounts one by one. */
    static final class Evaluate implements MapPartitionsFunction<AccountInput, AccountResult> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ImpactInputs> inputs;

        Evaluate(Broadcast<ImpactInputs> inputs) {
            this.inputs = inputs;
        }

        @Override
        public Iterator<AccountResult> call(Iterator<AccountInput> accounts) throws Exception {
            ImpactEvaluator evaluator = new ImpactEvaluator(inputs.value());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return accounts.hasNext();
                }

                @Override
                public AccountResult next() {
                    return evaluator.evaluate(accounts.next());
                }
            };
        }
    }
}
