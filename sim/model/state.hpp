#pragma once
// Where a young person is. The labels are the `state` coordinate of output files (docs/output.md);
// renaming one is a breaking change.
#include <array>
#include <cstdint>
#include <string_view>

namespace iasim::model {

enum class PersonState : std::uint8_t {
  waiting_assessment,  // registered, work capacity not yet assessed (in-house or at a provider)
  follow_up,           // assessed; followed up by a veileder or job specialist
  work_trial,          // arbeidspraksis / arbeidsutprøving at an employer
  subsidised_job,      // employed with wage subsidy (lønnstilskudd)
  ordinary_job,        // employed without subsidy
  education,           // left for school (may come back)
  disability_benefit,  // left for disability benefit
  inactive,            // dropped out (may come back)
  aged_out,            // turned 30: left the target group, from whatever state (Person::state_at_30)
  moved_away,          // moved to another county, where the person goes on in the state they left in
};
inline constexpr std::size_t person_state_count = 10;

inline constexpr std::array<std::string_view, person_state_count> person_state_labels = {
    "waiting_assessment", "follow_up", "work_trial",  "subsidised_job", "ordinary_job",
    "education",          "disability_benefit", "inactive", "aged_out", "moved_away"};

constexpr std::size_t index(PersonState s) { return static_cast<std::size_t>(s); }

// States in which a person is still served by NAV (and counts as in the target group's services).
constexpr bool in_services(PersonState s) {
  return s == PersonState::waiting_assessment || s == PersonState::follow_up || s == PersonState::work_trial ||
         s == PersonState::subsidised_job;
}

}  // namespace iasim::model
