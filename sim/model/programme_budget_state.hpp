#pragma once
// The directorate's state for the national programme budget (programme_budget.cpp): the use each county
// reported this month. It lives in partition 0 and only partition 0's thread touches it.
#include <cstddef>
#include <vector>

namespace iasim::model::detail {

struct Directorate {
  std::vector<double> trial_use, subsidy_use;
  std::size_t reports = 0;
};

}  // namespace iasim::model::detail
