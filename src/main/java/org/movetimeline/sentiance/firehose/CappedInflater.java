package org.movetimeline.sentiance.firehose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Gunzips with a ceiling: inflating stops as soon as the output passes it, so a gzip bomb costs at most the cap. */
final class CappedInflater {

    /** Compressed bytes taken in at a time: small, so inflating stops within a few kB of input past the cap. */
    private static final int INPUT_CHUNK = 8 * 1024;
    private static final int CHUNK = 64 * 1024;

    private CappedInflater() {
    }

    /** True when {@code body} starts with gzip's magic bytes (1f 8b), whatever its Content-Encoding says. */
    static boolean looksGzipped(byte[] body) {
        return body.length >= 2 && (body[0] & 0xFF) == 0x1f && (body[1] & 0xFF) == 0x8b;
    }

    /**
     * @throws TooLargeException when the inflated content is longer than {@code cap} bytes
     * @throws IOException       when {@code gzip} is not gzip, or is corrupt or cut short
     */
    static byte[] inflate(InputStream gzip, long cap) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(gzip, INPUT_CHUNK)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[CHUNK];
            long total = 0;
            for (int n; (n = in.read(chunk)) != -1; ) {
                total += n;
                if (total > cap) {
                    throw new TooLargeException(cap);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }

    static final class TooLargeException extends IOException {
        TooLargeException(long cap) {
            super("inflated body exceeds " + cap + " bytes");
        }
    }
}
