package lineage.sdk;

/** The work of a job run for {@link LineageEmitter#run}; it may declare what it reads and writes on the run. */
@FunctionalInterface
public interface RunBody<E extends Exception> {
    void run(JobRun run) throws E;
}
