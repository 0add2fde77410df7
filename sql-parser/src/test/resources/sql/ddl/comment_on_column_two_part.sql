COMMENT ON COLUMN customers.email IS 'Lower-cased, verified at signup'
