package io.marginscope.store;

import io.marginscope.cli.MarginScopeCommand;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate process of {@link ConcurrentSaveTest}: waits for the go file, then saves the sample
 * book under each name given with {@code marginscope session save NAME --notes "<tag> NAME"} and
 * prints {@code exit NAME STATUS} per save.
 * Arguments: data folder, go file, portfolio, market, tag, names...
 */
public final class ConcurrentSaver {

    private ConcurrentSaver() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path go = Path.of(args[1]);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!Files.exists(go) && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        for (int i = 5; i < args.length; i++) {
            String name = args[i];
            int status = MarginScopeCommand.run("session", "save", name, "--data-dir", data.toString(),
                    "--portfolio", args[2], "--market", args[3], "--notes", args[4] + " " + name);
            System.out.println("exit " + name + " " + status);
            System.out.flush();
        }
        System.exit(0);
    }
}
