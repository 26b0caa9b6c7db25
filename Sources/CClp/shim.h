// COIN-OR CLP's C interface (Debian: coinor-libclp-dev, installed by
// `make deps`).
#include <coin/Clp_C_Interface.h>
