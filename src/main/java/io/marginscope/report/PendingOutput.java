package io.marginscope.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An output written aside ({@link OutputTarget#stage}, {@link OutputFolder#stage}) and not yet in
 * place: {@link #commit} puts it there, {@link #discard} leaves the target as it was.
 */
public interface PendingOutput {

    void commit() throws IOException;

    void discard();

    /**
     * Several outputs of one run, all or nothing: each is staged first (a failure discards those
     * staged before it and rethrows), then all are committed (renames, which need no space).
     */
    final class Batch {
        private final List<PendingOutput> staged = new ArrayList<>();

        public <T extends PendingOutput> T add(T p) {
            staged.add(p);
            return p;
        }

        public void discard() {
            staged.forEach(PendingOutput::discard);
            staged.clear();
        }

        public void commit() throws IOException {
            try {
                for (PendingOutput p : staged) {
                    p.commit();
                }
            } finally {
                discard();
            }
        }
    }
}
