package org.movetimeline.topics;

import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * lz4-java picks its JNI codec only when its classes come from the system class loader, which Quarkus's is
 * not, so Kafka would compress and decompress records in pure Java. Loading the codec before the first
 * Kafka client exists makes that several times cheaper. Where JNI cannot load (a native image, an unusual
 * platform) Kafka keeps the Java codec.
 */
final class NativeLz4 {

    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    private NativeLz4() {
    }

    /** Idempotent and cheap after the first call. */
    static void load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) { // UnsatisfiedLinkError and friends
            LOG.debugf("native LZ4 unavailable, Kafka compresses in Java: %s", unavailable);
        }
    }
}
