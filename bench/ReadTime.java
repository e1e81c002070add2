import io.marginscope.io.PortfolioFiles;

import java.nio.file.Path;
import java.util.Arrays;

/** Median time of reading a portfolio file (5 reads after 2 warm-ups): {@code java -cp CP bench/ReadTime.java FILE}. */
public class ReadTime {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long[] ms = new long[5];
        int n = 0;
        for (int i = 0; i < 7; i++) {
            long t0 = System.nanoTime();
            n = PortfolioFiles.read(file, null).value().positions().size();
            if (i >= 2) {
                ms[i - 2] = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        Arrays.sort(ms);
        System.out.println(file.getFileName() + ": " + n + " positions read in " + ms[2] + " ms (median of 5)");
    }
}
