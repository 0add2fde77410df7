ALTER /* c */ TABLE a.b.c -- why
  DROP
  COLUMN "y"
;
-- done
