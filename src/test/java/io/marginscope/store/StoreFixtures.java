package io.marginscope.store;

import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sample runs for the store's tests. */
final class StoreFixtures {

    static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("sample-portfolios");

    private StoreFixtures() {
    }

    /** The inputs of a sample book (e.g. "btc-short-strangle.csv"), with a policy or none. */
    static RunInputs inputs(String book, String policy) throws Exception {
        String market = book.substring(0, book.lastIndexOf('.')) + ".market.json";
        return ComputeRun.fromFiles(SAMPLES.resolve(book), SAMPLES.resolve(market), List.of(),
                RunParameters.defaults(), policy, new ArrayList<>());
    }

    static ComputeRun.Result run(String book, String policy) throws Exception {
        return ComputeRun.run(inputs(book, policy));
    }

    static Session session(String name, String book, String policy) throws Exception {
        return Session.of(name, run(book, policy), "");
    }
}
