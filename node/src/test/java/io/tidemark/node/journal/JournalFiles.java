package io.tidemark.node.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test helpers that damage journal files the way a torn write or a bad disk would. */
public final class JournalFiles {
    private JournalFiles() {
    }

    /** The newest Chronicle data file of a generation. */
    public static Path lastDataFile(final Path generation) throws IOException {
        try (Stream<Path> files = Files.list(generation)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4"))
                .max(Comparator.comparing(p -> p.getFileName().toString()))
                .orElseThrow(() -> new IOException("no .cq4 file in " + generation));
        }
    }

    /**
     * Truncates the newest data file a few bytes before the end of its data, so that its last record
     * is cut in half (Chronicle files are pre-sized; the data ends at the last non-zero byte).
     */
    public static void truncateInsideLastRecord(final Path generation) throws IOException {
        final Path file = lastDataFile(generation);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long end = raf.length();
            final byte[] block = new byte[1 << 16];
            while (end > 0) {
                final long from = Math.max(0, end - block.length);
                raf.seek(from);
                raf.readFully(block, 0, (int) (end - from));
                int i = (int) (end - from) - 1;
                while (i >= 0 && block[i] == 0) {
                    i--;
                }
                if (i >= 0) {
                    end = from + i + 1;
                    break;
                }
                end = from;
            }
            raf.setLength(end - 7);
        }
    }
}
