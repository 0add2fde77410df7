package lineage.sdk;

/**
 * An event whose OpenLineage object is built on the delivery thread, not on the job's: {@link #build()} must read
 * only immutable state.
 */
@FunctionalInterface
interface PendingEvent {
    Object build();
}
