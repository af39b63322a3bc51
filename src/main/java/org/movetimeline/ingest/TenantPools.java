package org.movetimeline.ingest;

import io.opentelemetry.context.Context;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A fetch stage's threads, one pool per tenant (a MOVE project, a Sentiance app), so a tenant waiting for its API's
 * Retry-After or a free slot of its limit never holds another tenant's calls; and the wait for their answers within
 * a batch's fetch budget. Threads of a tenant without work for a minute end; its pool stays for its next batch.
 *
 * @param <K> the tenant's id
 */
public final class TenantPools<K> implements AutoCloseable {

    /**
     * Threads per tenant for each call its limit may have at the API: a call waiting out a Retry-After or a backoff
     * holds its thread but no slot of the limit, and with one thread per slot those waits would cap the tenant.
     */
    public static final int THREADS_PER_SLOT = 4;

    private final String threadName;
    private final int threadsPerTenant;
    private final Map<K, ExecutorService> pools = new ConcurrentHashMap<>();

    /** @param threadName prefix of the threads' names, the tenant appended (e.g. "move-api-fetch-") */
    public TenantPools(String threadName, int threadsPerTenant) {
        this.threadName = threadName;
        this.threadsPerTenant = threadsPerTenant;
    }

    /** {@link #THREADS_PER_SLOT} threads for each call the tenant's limit can reach ({@code limitMax}). */
    public static <K> TenantPools<K> perSlot(String threadName, int limitMax) {
        return new TenantPools<>(threadName, THREADS_PER_SLOT * limitMax);
    }

    /**
     * Runs {@code task} on the tenant's pool, in the trace context it was submitted from, so the REST client's spans
     * land under the batch's fetch span.
     */
    public <T> CompletableFuture<T> submit(K tenant, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, pool(tenant));
    }

    /** The value, or null if it is not there by {@code deadline} (nanoTime); a late call is cancelled, so a queued one never runs. */
    public static <T> T await(CompletableFuture<T> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("fetch stage failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching", e);
        }
    }

    private ExecutorService pool(K tenant) {
        return pools.computeIfAbsent(tenant, id -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threadsPerTenant, threadsPerTenant, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread thread = new Thread(r, threadName + id);
                        thread.setDaemon(true);
                        return thread;
                    });
            pool.allowCoreThreadTimeOut(true);
            return Context.taskWrapping(pool);
        });
    }

    @Override
    public void close() {
        pools.values().forEach(ExecutorService::shutdownNow);
    }
}
