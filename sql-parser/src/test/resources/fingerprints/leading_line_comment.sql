   -- why: nightly
  INSERT INTO t SELECT 1
