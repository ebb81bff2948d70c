package io.statecast.cli.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses on a thread of its own, a chunk of lines ahead, so that parsing one chunk overlaps sending the
 * previous one (parsing costs about as much CPU per event as the producer's send). Lines come out in
 * input order; an error of the underlying reader comes out where it happened.
 */
public final class ReadAheadEventReader implements EventReader {

    private static final int CHUNK = 1024;
    private static final int CHUNKS_AHEAD = 4;

    /** A chunk of lines; {@code error} or an empty {@code lines} ends the stream. */
    private record Chunk(List<ParsedLine> lines, IOException error) {}

    private final EventReader source;
    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread parser;
    private List<ParsedLine> current = List.of();
    private int position;
    private boolean ended;

    public ReadAheadEventReader(EventReader source) {
        this.source = source;
        this.parser = new Thread(this::parseAll, "statecast-read-ahead");
        parser.setDaemon(true);
        parser.start();
    }

    @Override
    public ParsedLine next() throws IOException {
        while (position == current.size()) {
            if (ended) {
                return null;
            }
            Chunk chunk;
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading ahead", e);
            }
            if (chunk.error() != null) {
                ended = true;
                throw chunk.error();
            }
            ended = chunk.lines().isEmpty();
            current = chunk.lines();
            position = 0;
        }
        return current.get(position++);
    }

    private void parseAll() {
        List<ParsedLine> lines = new ArrayList<>(CHUNK);
        try {
            ParsedLine line;
            while ((line = source.next()) != null) {
                lines.add(line);
                if (lines.size() == CHUNK) {
                    chunks.put(new Chunk(lines, null));
                    lines = new ArrayList<>(CHUNK);
                }
            }
            if (!lines.isEmpty()) {
                chunks.put(new Chunk(lines, null));
            }
            chunks.put(new Chunk(List.of(), null));
        } catch (IOException e) {
            try {
                // The lines before the error first, so it surfaces where it happened.
                if (!lines.isEmpty()) {
                    chunks.put(new Chunk(lines, null));
                }
                chunks.put(new Chunk(List.of(), e));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed before the end: nobody reads any more
        }
    }

    /** Stops the parsing thread (also when not at the end) and closes the underlying reader. */
    @Override
    public void close() throws IOException {
        parser.interrupt();
        try {
            parser.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
