#include "common/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace patron::detail {

void AssertFail(const char* expr, const char* file, int line) {
    std::fprintf(stderr, "PATRON_ASSERT failed: %s at %s:%d\n", expr, file, line);
    std::abort();
}

}  // namespace patron::detail
