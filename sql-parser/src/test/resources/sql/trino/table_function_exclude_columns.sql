SELECT *
FROM TABLE(exclude_columns(
    input => TABLE(iceberg.raw.customers),
    columns => DESCRIPTOR(ssn, date_of_birth)))
