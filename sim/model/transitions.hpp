#pragma once
// The state transitions the model allows. Every move of a person goes through `transition_index`, which
// refuses any other (an invariant checked in every run), and is counted per output step under the label
// "from->to" (the `transition` coordinate of output files). Entry from outside is "entry->waiting_assessment".
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "sim/model/state.hpp"

namespace iasim::model {

struct Transition {
  std::optional<PersonState> from;  // nullopt: entry into the target group
  PersonState to;
};

using S = PersonState;
inline constexpr std::array<Transition, 37> allowed_transitions = {{
    {std::nullopt, S::waiting_assessment},
    {S::waiting_assessment, S::follow_up},
    {S::waiting_assessment, S::education},
    {S::waiting_assessment, S::disability_benefit},
    {S::waiting_assessment, S::inactive},
    {S::waiting_assessment, S::aged_out},
    {S::waiting_assessment, S::ordinary_job},  // found a job by own search
    {S::follow_up, S::work_trial},
    {S::follow_up, S::subsidised_job},  // direct placement (Supported Employment: place, then train)
    {S::follow_up, S::ordinary_job},    // found a job by own search, or placed directly
    {S::follow_up, S::education},
    {S::follow_up, S::disability_benefit},
    {S::follow_up, S::inactive},
    {S::follow_up, S::aged_out},
    {S::work_trial, S::follow_up},      // trial failed, or succeeded without a hire
    {S::work_trial, S::subsidised_job},
    {S::work_trial, S::ordinary_job},
    {S::work_trial, S::inactive},       // broke off the trial and dropped out
    {S::work_trial, S::aged_out},
    {S::subsidised_job, S::ordinary_job},  // kept when the subsidy ended
    {S::subsidised_job, S::follow_up},     // released when the subsidy ended, or lost the job
    {S::subsidised_job, S::aged_out},
    {S::ordinary_job, S::follow_up},       // lost the job: back to NAV follow-up
    {S::ordinary_job, S::aged_out},
    {S::education, S::waiting_assessment},  // came back to NAV: assessed again
    {S::education, S::aged_out},
    {S::disability_benefit, S::aged_out},
    {S::inactive, S::waiting_assessment},   // came back to NAV: assessed again
    {S::inactive, S::aged_out},
    // Moved to another county (migration.cpp), from every state in the group.
    {S::waiting_assessment, S::moved_away},
    {S::follow_up, S::moved_away},
    {S::work_trial, S::moved_away},
    {S::subsidised_job, S::moved_away},
    {S::ordinary_job, S::moved_away},
    {S::education, S::moved_away},
    {S::disability_benefit, S::moved_away},
    {S::inactive, S::moved_away},
}};
// Output files carry the labels, so readers match transitions by label, never by position.
inline constexpr std::size_t transition_count = allowed_transitions.size();

// Index of (from, to) in allowed_transitions, or nullopt if the model does not allow it.
constexpr std::optional<std::size_t> transition_index(std::optional<PersonState> from, PersonState to) {
  if (from && *from == to) return std::nullopt;
  for (std::size_t i = 0; i < transition_count; ++i)
    if (allowed_transitions[i].from == from && allowed_transitions[i].to == to) return i;
  return std::nullopt;
}

inline std::string transition_label(std::size_t i) {
  const auto& t = allowed_transitions[i];
  return std::string(t.from ? person_state_labels[index(*t.from)] : "entry") + "->" +
         std::string(person_state_labels[index(t.to)]);
}

}  // namespace iasim::model
