package io.marginscope.store;

import io.marginscope.io.TextSource;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;

import java.nio.file.Path;
import java.util.List;

/**
 * A child process for {@link CrashSafetyTest}: saves ever new versions of one large session into
 * the store named by its first argument until it is killed, printing {@code saved <version>}
 * after each commit.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    /** The portfolio text of version {@code v}: about {@code kb} KB, different for each version. */
    static String portfolio(int v, int kb) {
        StringBuilder b = new StringBuilder("id,underlying,type,quantity,entry_price\n");
        int i = 0;
        while (b.length() < kb * 1024) {
            b.append("p").append(i++).append("-v").append(v).append(",BTC,PERP,").append(v + i).append(",90000\n");
        }
        return b.toString();
    }

    static Session session(long id, int v) {
        RunInputs in = new RunInputs(new TextSource("big.csv", portfolio(v, 2048)),
                new TextSource("m.json", MigrationTest.MARKET), List.of(), RunParameters.defaults(), null);
        return new Session(id, "big", 0, null, in, "{\"maintenanceMargin\": " + v + "}", in.hash(), "version " + v,
                List.of());
    }

    public static void main(String[] args) {
        try (SessionStore store = SessionStore.open(Path.of(args[0]))) {
            List<SessionSummary> existing = store.list("big");
            long id = existing.isEmpty() ? 0 : existing.getFirst().id();
            int v = existing.isEmpty() ? 0 : existing.getFirst().version();
            while (true) {
                Session saved = store.save(session(id, ++v));
                id = saved.id();
                System.out.println("saved " + saved.version());
                System.out.flush();
            }
        }
    }
}
