package io.marginscope.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder of files written together (the CSV exports): all are written into a temporary sibling
 * folder {@code .<name>.<pid>.<random>.tmp}; only when every one is written and flushed are they
 * moved in (the staging folder renamed to the target when there is none, else each file renamed
 * over its old one: renames need no space, so a full disk leaves the previous export whole). Files
 * of the folder that the export does not write are left alone. A symbolic link to a folder is
 * followed; a name that is a file is a {@link OutputTarget.BadTarget}.
 */
public final class OutputFolder {

    private final String option;
    private final Path folder;

    private OutputFolder(String option, Path folder) {
        this.option = option;
        this.folder = folder;
    }

    public static OutputFolder of(String option, Path folder) {
        if (folder.toString().isEmpty()) {
            throw new OutputTarget.BadTarget(option + ": empty folder name");
        }
        Path p = OutputTarget.follow(option, folder.toAbsolutePath().normalize());
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new OutputTarget.BadTarget(option + ": " + OutputTarget.clip(folder.toString())
                    + " is a file, not a folder");
        }
        if (p.getParent() == null) {
            throw new OutputTarget.BadTarget(option + ": " + OutputTarget.clip(folder.toString())
                    + " cannot be replaced (the root folder)");
        }
        return new OutputFolder(option, p);
    }

    public Path path() {
        return folder;
    }

    /** Writes every file (name to body, in order) into the staging folder; nothing visible changes yet. */
    public Staged stage(Map<String, OutputTarget.Body> files) throws IOException {
        Path parent = folder.getParent();
        Path staging = OutputTarget.temporarySibling(folder);
        try {
            Files.createDirectories(parent);
            OutputTarget.cleanStale(parent, folder.getFileName().toString());
            Files.createDirectory(staging);
            OutputTarget.register(staging);
            for (Map.Entry<String, OutputTarget.Body> e : files.entrySet()) {
                try (FileChannel ch = FileChannel.open(staging.resolve(e.getKey()), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    OutputTarget.writeTo(ch, e.getValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            OutputTarget.discard(staging);
            throw new IOException("cannot write the folder " + folder + " (" + option + "): "
                    + OutputTarget.reason(e) + "; nothing in it was changed", e);
        }
        return new Staged(staging, new ArrayList<>(files.keySet()));
    }

    /** The staged folder. */
    public final class Staged implements PendingOutput {
        private final Path staging;
        private final List<String> names;

        Staged(Path staging, List<String> names) {
            this.staging = staging;
            this.names = names;
        }

        /** The files as they will be once committed. */
        public List<Path> files() {
            return names.stream().map(folder::resolve).toList();
        }

        @Override
        public void commit() throws IOException {
            try {
                if (!Files.exists(folder)) {
                    Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Map<Path, Path> moves = new LinkedHashMap<>();
                    for (String n : names) {
                        moves.put(staging.resolve(n), folder.resolve(n));
                    }
                    for (Map.Entry<Path, Path> m : moves.entrySet()) {
                        Files.move(m.getKey(), m.getValue(), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            } catch (IOException e) {
                throw new IOException("cannot write the folder " + folder + " (" + option + "): "
                        + OutputTarget.reason(e), e);
            } finally {
                discard();
            }
        }

        @Override
        public void discard() {
            OutputTarget.discard(staging);
        }
    }
}
