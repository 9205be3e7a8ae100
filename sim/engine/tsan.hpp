#pragma once
// Happens-before edges for ThreadSanitizer that oneTBB cannot give it.
//
// Debian's libtbb is not built with -fsanitize=thread, so TSan does not see that everything before a
// parallel_for happens before each of its bodies (the fork), nor that each body happens before the
// parallel_for returns (the join): the hand-over is inside the uninstrumented library. Without these two edges
// TSan reports every access of a body to data the caller prepared. With them, TSan still reports what matters:
// two bodies of one parallel_for touching the same data, since no edge is declared between bodies.
// (TBB's own false positives are suppressed in tests/tsan.supp.) Outside a TSan build these are no-ops.
#if defined(__SANITIZE_THREAD__)
#define IASIM_TSAN_ANNOTATIONS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define IASIM_TSAN_ANNOTATIONS 1
#endif
#endif

#ifdef IASIM_TSAN_ANNOTATIONS
#include <sanitizer/tsan_interface.h>
#endif

namespace iasim::engine::detail {

// One fork-join region: fork() before the parallel_for, enter() first and leave() last in each body, join()
// after it returns.
class ForkJoin {
 public:
#ifdef IASIM_TSAN_ANNOTATIONS
  void fork() { __tsan_release(&fork_); }
  void enter() { __tsan_acquire(&fork_); }
  void leave() { __tsan_release(&join_); }
  void join() { __tsan_acquire(&join_); }

 private:
  char fork_ = 0, join_ = 0;  // distinct addresses: the sync objects TSan keys its clocks on
#else
  void fork() {}
  void enter() {}
  void leave() {}
  void join() {}
#endif
};

}  // namespace iasim::engine::detail
