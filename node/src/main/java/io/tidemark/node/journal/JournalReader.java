package io.tidemark.node.journal;

import io.tidemark.engine.api.Command;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the journal back in sequence order — documents of length-prefixed records, one document per
 * batch — validating every record (checksum, and that sequences follow one another without gaps) and
 * every generation's configuration fingerprint. A damaged or
 * missing record at the end of the last generation ends the replay there and is reported (that
 * command was never acknowledged: acknowledgement follows the complete write); damage anywhere else
 * is corruption and throws {@link JournalException}.
 */
public final class JournalReader {
    /** Receives each command in sequence order; the command object is reused. */
    @FunctionalInterface
    public interface CommandSink {
        void onCommand(Command command);
    }

    /** What a replay read. */
    public record Result(long commands, long lastSequence, long lastTimestamp, int lastGeneration, long lastIndex,
                         boolean lastGenerationHasRecords, String damage) {
        public boolean damaged() {
            return damage != null;
        }
    }

    private JournalReader() {
    }

    /** Replays every command after {@code afterSequence}, starting the search at a snapshot's position. */
    public static Result replay(final JournalDirectory directory, final long configFingerprint, final long afterSequence,
                                final long afterTimestamp, final int startGeneration, final long startIndex,
                                final CommandSink sink) {
        return replay(directory, configFingerprint, afterSequence, afterTimestamp, startGeneration, startIndex,
            Long.MAX_VALUE, sink);
    }

    /**
     * Replays the commands after {@code afterSequence} up to and including {@code upToSequence}, starting
     * the search at a position an earlier replay or a snapshot gave; the result's generation and index
     * are where a later call continues from.
     */
    public static Result replay(final JournalDirectory directory, final long configFingerprint, final long afterSequence,
                                final long afterTimestamp, final int startGeneration, final long startIndex,
                                final long upToSequence, final CommandSink sink) {
        final CommandCodec codec = new CommandCodec();
        final Command command = new Command();
        final List<Integer> generations = directory.generations();
        long expected = afterSequence + 1;
        long lastTimestamp = afterTimestamp;
        long commands = 0;
        int lastGeneration = generations.isEmpty() ? 0 : generations.get(generations.size() - 1);
        long lastIndex = startIndex;
        boolean lastHasRecords = false;
        for (int i = 0; i < generations.size(); i++) {
            final int generation = generations.get(i);
            if (generation < startGeneration) {
                continue;
            }
            final boolean last = i == generations.size() - 1;
            final OptionalLong sealedAt = directory.sealedAt(generation);
            boolean hasRecords = false;
            try (SingleChronicleQueue queue = directory.open(generation)) {
                final ExcerptTailer tailer = queue.createTailer();
                if (generation == startGeneration && startIndex > 0 && !tailer.moveToIndex(startIndex)) {
                    tailer.toStart(); // records before the snapshot are skipped by sequence below
                }
                boolean reachedEnd = false;
                // where a later replay resumes in this generation: its own index, never another generation's
                long resumeIndex = generation == startGeneration ? startIndex : 0;
                while (true) {
                    if (sealedAt.isPresent() && expected > sealedAt.getAsLong()) {
                        break;
                    }
                    String problem = null;
                    boolean endOfGeneration = false;
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            endOfGeneration = true;
                        } else {
                            final Bytes<?> bytes = dc.wire().bytes();
                            // a document holds one batch: records, each prefixed by its length
                            while (problem == null && bytes.readRemaining() > 0) {
                                if (sealedAt.isPresent() && expected > sealedAt.getAsLong()) {
                                    break; // what follows the seal is the damaged tail it cut off
                                }
                                final int length = bytes.readUnsignedByte();
                                if (length == 0 || length > CommandCodec.MAX_LENGTH || length > bytes.readRemaining()) {
                                    problem = "record of " + length + " bytes with " + bytes.readRemaining() + " left";
                                    break;
                                }
                                bytes.read(codec.bytes(), 0, length);
                                hasRecords = true;
                                if (codec.isHeader(length)) {
                                    if (codec.headerFingerprint() != configFingerprint) {
                                        throw new JournalException("journal generation " + generation
                                            + " was written under a different market configuration");
                                    }
                                } else if (!codec.decode(length, command)) {
                                    problem = codec.lastError();
                                } else if (command.sequence > expected) {
                                    problem = "sequence " + command.sequence + " where " + expected + " was expected";
                                } else if (command.sequence == expected) {
                                    if (expected > upToSequence) {
                                        reachedEnd = true;
                                        break;
                                    }
                                    sink.onCommand(command);
                                    commands++;
                                    expected++;
                                    lastTimestamp = command.timestamp;
                                    lastIndex = dc.index();
                                    resumeIndex = lastIndex;
                                }
                                // below the expected sequence: at or before the snapshot, skipped
                            }
                        }
                    } catch (final JournalException e) {
                        throw e;
                    } catch (final RuntimeException e) {
                        problem = "unreadable record: " + e;
                    }
                    if (reachedEnd) {
                        return new Result(commands, expected - 1, lastTimestamp, generation, resumeIndex, hasRecords, null);
                    }
                    if (endOfGeneration) {
                        break;
                    }
                    if (problem == null) {
                        continue;
                    }
                    if (!last) {
                        throw new JournalException("journal generation " + generation + " is corrupt at sequence "
                            + expected + ": " + problem + " (later generations follow, so this is no torn tail)");
                    }
                    return new Result(commands, expected - 1, lastTimestamp, generation, lastIndex, hasRecords,
                        "journal generation " + generation + " ends in a damaged record after sequence "
                            + (expected - 1) + " (" + problem + "); recovered up to the last whole command");
                }
            }
            lastGeneration = generation;
            lastHasRecords = hasRecords;
        }
        return new Result(commands, expected - 1, lastTimestamp, lastGeneration, lastIndex, lastHasRecords, null);
    }
}
