# Reads one variable of an iasim run file in R with ncdf4 (Debian's r-cran-ncdf4), as an analyst would, and
# prints what tests/e2e/test_r.py compares with Python's reading of the same file:
#   Rscript read_in_r.R FILE VARIABLE
library(ncdf4)
args <- commandArgs(trailingOnly = TRUE)
nc <- nc_open(args[1])
v <- nc$var[[args[2]]]
if (is.null(v)) stop(paste("no variable", args[2]))
x <- ncvar_get(nc, args[2], collapse_degen = FALSE)
# R lists dimensions fastest-varying first: the reverse of the file's (C) order.
cat("dims:", rev(sapply(v$dim, function(d) d$name)), "\n")
cat("sizes:", rev(dim(x)), "\n")
cat("units:", v$units, "\n")
cat("long_name:", v$longname, "\n")
cat("sum:", format(sum(x, na.rm = TRUE), digits = 17), "\n")
cat("first:", format(x[1], digits = 17), "\n")
cat("counties:", paste(ncvar_get(nc, "county"), collapse = "|"), "\n")
nc_close(nc)
