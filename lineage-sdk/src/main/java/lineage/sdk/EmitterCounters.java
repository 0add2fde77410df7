package lineage.sdk;

/**
 * What an emitter did with its events so far. Every event ends in one of {@code sent}, {@code failed} (refused by the
 * server as invalid, or not serializable) and {@code dropped} (the spool was full or not writable); {@code spooled}
 * counts the events that waited in the spool on the way, {@code pending} those still in memory, and
 * {@code spoolFiles} the batches waiting on disk.
 */
public record EmitterCounters(long sent, long failed, long spooled, long dropped, long pending, int spoolFiles) {}
