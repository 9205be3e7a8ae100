// People's pathways as mechanisms (ODD §7.4–§7.11), each tested by turning one knob of a small national run
// under common random numbers and watching the quantity it acts on: AAP's limit and disability benefit, job
// loss and tenure (readiness: tests/model/test_rules.cpp), wage subsidies and substitution, veileder hours and caseloads, and the spin-up.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/engine/engine.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/simulate.hpp"
#include "tests/model/run_helpers.hpp"

using namespace iasim;
using S = model::PersonState;

namespace {

// Steps of 28 days in `years`.
std::size_t steps_in(double years) { return static_cast<std::size_t>(std::floor(years * 365.25 / 28.0)); }

}  // namespace

TEST_CASE("an AAP limit of 3 instead of 4 years means more disability exits from year 3, none before year 2",
          "[model][mechanism][pathways]") {
  // Everyone starts their AAP on 1 January 2015 (no spin-up, no time used), and no reform in the run.
  auto four = test::small_params(0.15, 5.0, 1);
  four.run.spin_up_years = 0;
  four.population.initial_years_in_group_max = 0;
  four.population.aap_reform_year = 2100;
  auto three = four;
  three.population.aap_max_years = 3.0;
  const auto a = test::run(four);
  const auto b = test::run(three);
  // The disability hazard starts to rise a year before the limit: until year 2 both runs are identical.
  const auto year2 = steps_in(2.0 - 0.05), year3 = steps_in(3.0), year4 = steps_in(4.0);
  CHECK(a.flow_in_steps(S::follow_up, S::disability_benefit, 0, year2) ==
        b.flow_in_steps(S::follow_up, S::disability_benefit, 0, year2));
  // From year 3 the 3-year limit sends more people to disability benefit (at expiry and on the way to it).
  const double dis_a = a.flow_in_steps(S::follow_up, S::disability_benefit, year3, year4);
  const double dis_b = b.flow_in_steps(S::follow_up, S::disability_benefit, year3, year4);
  CHECK(dis_b > 1.3 * dis_a);
}

TEST_CASE("job losses fall with tenure: a tenure shape below 1 means fewer lost jobs than a flat hazard",
          "[model][mechanism][pathways]") {
  auto flat = test::small_params(0.15, 4.0, 1);
  for (auto* p : {&flat}) p->population.job_loss_tenure_shape = 1.0;
  auto falling = flat;
  falling.population.job_loss_tenure_shape = 0.5;  // same first-year share, fewer losses after it
  const auto a = test::run(flat);
  const auto b = test::run(falling);
  CHECK(b.flow(S::ordinary_job, S::follow_up) < 0.85 * a.flow(S::ordinary_job, S::follow_up));
  // Who loses a job comes back to NAV follow-up: the loss is a flow back into the services.
  CHECK(a.flow(S::ordinary_job, S::follow_up) > 0);
}

TEST_CASE("a bigger wage subsidy raises substitution and costs, as well as hires", "[model][mechanism][pathways]") {
  auto low = test::small_params(0.15, 3.0, 1);
  for (auto& cp : low.county_params) cp.support.subsidy_share = 0.3;
  auto high = low;
  for (auto& cp : high.county_params) cp.support.subsidy_share = 0.7;
  const auto a = test::run(low);
  const auto b = test::run(high);
  const double hires_a = a.flow(S::work_trial, S::subsidised_job), hires_b = b.flow(S::work_trial, S::subsidised_job);
  CHECK(hires_b > hires_a);
  // The share of subsidised hires that displace an ordinary hire rises with the subsidy (SINTEF L6842–6845).
  CHECK(b.substituted_hires / hires_b > 1.5 * (a.substituted_hires / hires_a));
  CHECK(b.subsidy_cost_nok > 1.5 * a.subsidy_cost_nok);
}

TEST_CASE("people come back from inactivity and education with a hazard", "[model][mechanism][pathways]") {
  auto never = test::small_params(0.15, 3.0, 1);
  never.population.inactive_return_per_year = 0;
  never.population.education_return_per_year = 0;
  auto back = never;
  back.population.inactive_return_per_year = 0.5;
  const auto a = test::run(never);
  const auto b = test::run(back);
  CHECK(a.flow(S::inactive, S::follow_up) == 0);
  CHECK(b.flow(S::inactive, S::follow_up) > 100);
  CHECK(a.flow(S::education, S::follow_up) == 0);
}

TEST_CASE("everyone leaves at 30, from every state", "[model][pathways]") {
  const auto t = test::run(test::small_params(0.15, 3.0, 1));
  for (S from : {S::waiting_assessment, S::follow_up, S::work_trial, S::subsidised_job, S::ordinary_job, S::inactive,
                 S::education, S::disability_benefit}) {
    INFO(model::person_state_labels[model::index(from)]);
    CHECK(t.flow(from, S::aged_out) > 0);
  }
}

TEST_CASE("no warm-up transient: trials and hires in the first steps are like those of the year after",
          "[model][pathways]") {
  const auto t = test::run(test::small_params(0.3, 2.0, 1));
  const auto per_step = [&](S from, S to, std::size_t k) { return t.flow_in_steps(from, to, k, k + 1); };
  double later_trials = 0, later_hires = 0;
  for (std::size_t k = 6; k < 19; ++k) {
    later_trials += per_step(S::follow_up, S::work_trial, k) / 13;
    later_hires += per_step(S::work_trial, S::subsidised_job, k) / 13;
  }
  for (std::size_t k = 1; k <= 3; ++k) {
    INFO("step " << k);
    CHECK(per_step(S::follow_up, S::work_trial, k) < 1.25 * later_trials);
    CHECK(per_step(S::work_trial, S::subsidised_job, k) < 1.4 * later_hires);
  }
}

TEST_CASE("veileder hours follow the caseload, and small caseloads do not hoard hours", "[model][mechanism][pathways]") {
  auto p = test::small_params(0.1, 1.0, 1);
  auto more = p;
  more.population.entrants_per_year_per_1000_pop *= 1.5;  // a bigger caseload for the same veiledere
  const auto hours = [](const model::Params& params) {
    model::IaModel m(params);
    engine::Engine<model::IaModel> eng(m, model::engine_config(params, 0, engine::Schedule::serial));
    model::spin_up(m, eng);
    eng.run_until(365.25);
    double total = 0, most_per_user = 0;
    for (const auto& c : m.counties()) {
      const auto& op = c.p->office;
      const double casework = op.veileder_hours_per_week * op.veileder_casework_share * (1 - op.competing_initiatives_share);
      for (const auto& o : c.offices) {
        total += o.veileder_hours_per_week;
        double users = 0;
        for (auto t : {model::Tally::waiting, model::Tally::waiting_referred, model::Tally::follow_up,
                       model::Tally::follow_up_ready, model::Tally::work_trial, model::Tally::subsidised})
          users += o.tally[static_cast<std::size_t>(t)];
        if (users > 0) most_per_user = std::max(most_per_user, o.veileder_hours_per_week / users / casework);
      }
    }
    return std::pair{total, most_per_user};
  };
  const auto [h, per_user] = hours(p);
  const auto [h_more, per_user_more] = hours(more);
  CHECK(h_more > 1.1 * h);  // the office's hours for the group grow with its caseload...
  CHECK(per_user_more < per_user);  // ...but each user gets less, as the veiledere are the same
  // No office gives a user much more than a veileder with `other_duties_users_per_veileder` users would (a
  // little more where the caseload has shrunk since 2015); with 1/N hours at N = 1..19 it was up to 20 times.
  CHECK(per_user <= 1.25 / p.county_params[0].office.other_duties_users_per_veileder);
}
