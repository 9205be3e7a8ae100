#include <catch2/catch.hpp>

#include <set>

#include "sim/model/transitions.hpp"

using namespace iasim::model;

TEST_CASE("only the model's transitions are allowed", "[model][transitions]") {
  CHECK(transition_index(PersonState::follow_up, PersonState::work_trial).has_value());
  CHECK(transition_index(std::nullopt, PersonState::waiting_assessment).has_value());
  CHECK(transition_index(PersonState::education, PersonState::waiting_assessment).has_value());  // people come back
  CHECK_FALSE(transition_index(PersonState::disability_benefit, PersonState::follow_up));  // disability is final
  CHECK_FALSE(transition_index(PersonState::aged_out, PersonState::follow_up));           // and so is turning 30
  CHECK_FALSE(transition_index(PersonState::waiting_assessment, PersonState::work_trial));  // assess first
  CHECK_FALSE(transition_index(PersonState::follow_up, PersonState::follow_up));
  CHECK_FALSE(transition_index(std::nullopt, PersonState::follow_up));
}

TEST_CASE("transition labels are unique and name both ends", "[model][transitions]") {
  std::set<std::string> labels;
  for (std::size_t i = 0; i < transition_count; ++i) labels.insert(transition_label(i));
  CHECK(labels.size() == transition_count);
  CHECK(labels.count("entry->waiting_assessment") == 1);
  CHECK(labels.count("work_trial->subsidised_job") == 1);
}
