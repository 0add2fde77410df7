 -- nothing
 ; 