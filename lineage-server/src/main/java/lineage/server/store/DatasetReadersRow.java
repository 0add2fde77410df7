package lineage.server.store;

/** A dataset and how many visible jobs currently read it. */
public record DatasetReadersRow(String namespace, String name, long readers) {}
