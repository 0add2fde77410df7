SELECT 1;;  ;
