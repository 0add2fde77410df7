package lineage.server.error;

/**
 * Stable error codes: each fixes the HTTP status and the title of the answer, so a client can act on the code alone.
 * Every package throws them inside a {@link LineageException}; {@code api} renders them as problem details.
 */
public enum ErrorCode {
    MALFORMED_JSON(400, "Malformed JSON"),
    INVALID_PARAMETER(400, "Invalid parameter"),
    INVALID_EVENT(422, "Invalid OpenLineage event"),
    INVALID_TRINO_EVENT(422, "Invalid Trino query event"),
    INVALID_SCHEMA_CHANGE(422, "Invalid schema change"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNAUTHORIZED(401, "Unauthorized"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    ROUTE_NOT_FOUND(404, "Route not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NAMESPACE_NOT_FOUND(404, "Namespace not found"),
    DATASET_NOT_FOUND(404, "Dataset not found"),
    JOB_NOT_FOUND(404, "Job not found"),
    RUN_NOT_FOUND(404, "Run not found"),
    FIELD_NOT_FOUND(404, "Field not found"),
    TAG_NOT_FOUND(404, "Tag not found"),
    TRINO_NOT_CONFIGURED(409, "Trino connection not configured"),
    TRINO_UNAVAILABLE(502, "Trino unavailable"),
    INTERNAL(500, "Internal error"),
    DATABASE_UNAVAILABLE(503, "Database unavailable"),
    WORK_TOO_LONG(503, "Work took too long"),
    FORBIDDEN(403, "Forbidden"),
    INVALID_ALIAS(422, "Invalid alias"),
    ALIAS_NOT_FOUND(404, "Alias not found"),
    ALIAS_CONFLICT(409, "Alias conflict"),
    SOURCE_NOT_FOUND(404, "Source not found"),
    JOB_VERSION_NOT_FOUND(404, "Job version not found"),
    DATASET_VERSION_NOT_FOUND(404, "Dataset version not found"),
    INVALID_NAMESPACE(422, "Invalid namespace"),
    DEPRECATED_API(410, "Deprecated API removed"),
    NOT_IMPLEMENTED(501, "Not implemented"),
    SEARCH_DISABLED(503, "Search disabled"),
    DOMAIN_NOT_FOUND(404, "Domain not found"),
    INVALID_DBT_ARTIFACT(422, "Invalid dbt artifact");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
