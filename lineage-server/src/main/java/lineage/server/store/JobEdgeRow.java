package lineage.server.store;

import io.micronaut.core.annotation.Introspected;

/** A current edge of a job: the dataset it reads ({@code INPUT}) or writes ({@code OUTPUT}). */
@Introspected
public record JobEdgeRow(long jobId, String direction, String namespace, String name) {}
