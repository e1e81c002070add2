package io.marginscope.cli;

import io.marginscope.impact.ClientBaseGenerator;
import io.marginscope.io.ClientBaseWriter;
import io.marginscope.io.InputException;
import io.marginscope.io.SnapshotJson;
import io.marginscope.io.TextSource;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/** {@code marginscope accounts-generate}: a synthetic client base (docs/impact.md). */
@Command(name = "accounts-generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic client base: spot holders, leveraged perpetual longs and shorts, option "
                + "sellers, basis traders, active traders and a few whales, 1 to 20 positions each (docs/impact.md).")
public final class AccountsGenerateCommand implements Callable<Integer> {

    /** The snapshot used when none is given: the bundled sample of 2024-11-20 (BTC, ETH, SOL, USDC). */
    static final String DEFAULT_MARKET = "/samples/btc-eth-basis.market.json";

    @Option(names = "--accounts", required = true, paramLabel = "N", description = "Number of accounts.")
    long count;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR|FILE.csv",
            description = "A folder (one CSV per account and market.json) or a .csv file (one CSV with an account "
                    + "column, and FILE.market.json beside it).")
    Path out;

    @Option(names = "--market", paramLabel = "M.json",
            description = "Snapshot whose assets and prices the books are built on (default: the bundled sample "
                    + "snapshot of 2024-11-20).")
    Path market;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--accounts must be at least 1");
        }
        TextSource text;
        if (market != null) {
            text = TextSource.read(market);
        } else {
            InputStream in = AccountsGenerateCommand.class.getResourceAsStream(DEFAULT_MARKET);
            if (in == null) {
                throw new IllegalStateException("bundled sample snapshot missing: " + DEFAULT_MARKET);
            }
            text = TextSource.read("samples/btc-eth-basis.market.json", in);
        }
        MarketSnapshot snap = SnapshotJson.read(text).value();
        ClientBaseGenerator gen;
        try {
            gen = new ClientBaseGenerator(snap, seed);
        } catch (IllegalArgumentException e) {
            throw new InputException(text.name(), 0, "assets", e.getMessage());
        }
        Iterator<Portfolio> books = new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public Portfolio next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return gen.account(i++);
            }
        };
        boolean file = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        Path marketOut;
        long n;
        if (file) {
            n = ClientBaseWriter.writeCsv(books, out);
            String stem = out.getFileName().toString();
            marketOut = out.resolveSibling(stem.substring(0, stem.length() - 4) + ".market.json");
        } else {
            n = ClientBaseWriter.writeFolder(books, out);
            marketOut = out.resolve("market.json");
        }
        Files.writeString(marketOut, text.text(), StandardCharsets.UTF_8);
        spec.commandLine().getErr().println("wrote " + n + " accounts to " + out + " and the snapshot " + marketOut);
        spec.commandLine().getErr().flush();
        return MarginScopeCommand.OK;
    }
}
