package org.movetimeline.sentiance.firehose;

import org.junit.jupiter.api.Test;
import org.movetimeline.sentiance.firehose.CappedInflater.TooLargeException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CappedInflaterTest {

    @Test
    void inflatesUpToAndIncludingTheCap() throws IOException {
        byte[] content = "{\"data\":[]}".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(content, CappedInflater.inflate(new ByteArrayInputStream(Firehose.gzip(content)), content.length));
        assertThrows(TooLargeException.class,
                () -> CappedInflater.inflate(new ByteArrayInputStream(Firehose.gzip(content)), content.length - 1));
    }

    @Test
    void aBombStopsAtTheCapHavingReadOnlyTheStartOfIt() {
        byte[] bomb = Firehose.gzip(new byte[50 * 1024 * 1024]);
        CountingStream in = new CountingStream(bomb);
        assertThrows(TooLargeException.class, () -> CappedInflater.inflate(in, 1024 * 1024));
        // 1 MB of the 50 inflated: about a fiftieth of the compressed bytes, plus one input chunk.
        assertTrue(in.read < bomb.length / 4, "read " + in.read + " of " + bomb.length + " compressed bytes");
    }

    @Test
    void corruptOrTruncatedGzipIsAnIoErrorNotTooLarge() {
        byte[] gzip = Firehose.gzip("{\"data\":[]}");
        byte[] truncated = Arrays.copyOf(gzip, gzip.length - 6);
        IOException cut = assertThrows(IOException.class, () -> CappedInflater.inflate(new ByteArrayInputStream(truncated), 1024));
        assertFalse(cut instanceof TooLargeException);
        byte[] flipped = gzip.clone();
        flipped[12] ^= 0x55;
        IOException corrupt = assertThrows(IOException.class, () -> CappedInflater.inflate(new ByteArrayInputStream(flipped), 1024));
        assertFalse(corrupt instanceof TooLargeException);
    }

    @Test
    void recognisesGzipByItsMagicBytes() {
        assertTrue(CappedInflater.looksGzipped(Firehose.gzip("{}")));
        assertFalse(CappedInflater.looksGzipped("{\"data\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CappedInflater.looksGzipped(new byte[]{0x1f}));
    }

    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        long read;

        CountingStream(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            int b = in.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = in.read(buffer, offset, length);
            read += Math.max(0, n);
            return n;
        }
    }
}
