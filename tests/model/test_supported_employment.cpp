// Supported Employment as staff (ODD §7.19): job specialists with hours and caseloads meet employers before they
// place, follow along after the hire through the same job-loss process as everyone's job, and place before they
// train (no assessment queue, no trial). Each test turns one knob of a small national run under common random
// numbers and checks the quantity it acts on.
#include <catch2/catch.hpp>


#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::CountyObservation;
using S = model::PersonState;

namespace {

using test::total;

model::Params params() {
  auto p = test::small_params(0.15, 3.0, 1);
  for (auto& cp : p.county_params) cp.support.supported_employment_share = 0.33;
  return p;
}
double meetings(const CountyObservation& c) { return c.specialist_employer_meetings; }
double specialist_hires(const CountyObservation& c) {
  return c.hires_by_broker[static_cast<std::size_t>(model::Broker::job_specialist)];
}

}  // namespace

TEST_CASE("place, then train: people a job specialist follows never wait for an assessment or start a trial",
          "[model][supported_employment]") {
  const test::Ran ran(params(), 2 * 365.25);
  std::size_t followed = 0, waiting = 0, in_trial = 0;
  for (const auto& c : ran.counties())
    for (const auto& p : c.persons) {
      if (!p.supported_employment) continue;
      ++followed;
      waiting += p.state == S::waiting_assessment;
      in_trial += p.state == S::work_trial;
    }
  REQUIRE(followed > 1000);
  CHECK(waiting == 0);
  CHECK(in_trial == 0);
}

TEST_CASE("job specialists meet employers before they place, and the meetings cost their hours",
          "[model][supported_employment]") {
  const auto base = test::run(params());
  REQUIRE(total(base, meetings) > 100);
  // Every specialist placement follows a meeting with that employer about that person.
  CHECK(total(base, specialist_hires) > 0);
  CHECK(total(base, specialist_hires) <= total(base, meetings));
  auto dear = params();
  for (auto& cp : dear.county_params) cp.support.employer_meeting_hours *= 2;
  CHECK(total(test::run(dear), meetings) < total(base, meetings));
  // Without the programme, no specialist staff, hours or meetings.
  const auto none = test::run(test::small_params(0.15, 3.0, 1));
  CHECK(total(none, meetings) == 0);
  CHECK(total(none, [](const auto& c) { return c.hours_paid[static_cast<std::size_t>(model::Actor::job_specialist)]; }) == 0);
  CHECK(total(base, [](const auto& c) { return c.hours_paid[static_cast<std::size_t>(model::Actor::job_specialist)]; }) > 0);
}

TEST_CASE("hours set aside for employer meetings count as used only in the meetings held", "[model][supported_employment]") {
  const auto used = [](const CountyObservation& c) { return c.hours_used[static_cast<std::size_t>(model::Actor::job_specialist)]; };
  // All of a specialist's client time is for employers, and no follow-along: what the specialists use is the
  // meetings held times their hours; time set aside that no meeting used is carried (one meeting's worth at
  // most) or left unused, never counted as used.
  auto p = params();
  for (auto& cp : p.county_params) {
    cp.support.employer_time_share = 1.0;
    cp.support.follow_along_hours_per_week = 0.0;
  }
  const auto all_employer = test::run(p);
  REQUIRE(total(all_employer, meetings) > 100);
  const double meeting_hours = model::SupportParams{}.employer_meeting_hours;
  // (A meeting sought where no firm with a free trainee slot was found costs its hours too: a few per cent.)
  CHECK(total(all_employer, used) >= total(all_employer, meetings) * meeting_hours);
  CHECK(total(all_employer, used) < 1.03 * total(all_employer, meetings) * meeting_hours);
  CHECK(total(all_employer, used) < total(all_employer, [](const CountyObservation& c) {
    return c.hours_available[static_cast<std::size_t>(model::Actor::job_specialist)];
  }));
}

TEST_CASE("lower fidelity weakens Supported Employment: bigger caseloads and less time with employers",
          "[model][supported_employment]") {
  const auto base = test::run(params());
  auto big = params();
  for (auto& cp : big.county_params) cp.support.job_specialist_caseload = 40;  // the same clients, fewer specialists
  auto indoors = params();
  for (auto& cp : indoors.county_params) cp.support.employer_time_share = 0.2;
  const auto b = test::run(big), d = test::run(indoors);
  CHECK(total(b, meetings) < total(base, meetings));
  CHECK(total(b, specialist_hires) < total(base, specialist_hires));
  CHECK(total(d, meetings) < total(base, meetings));
  CHECK(total(d, specialist_hires) < total(base, specialist_hires));
}

TEST_CASE("follow-along support acts through the job-loss process", "[model][supported_employment]") {
  auto none = params();
  for (auto& cp : none.county_params) cp.support.follow_along_job_loss_reduction = 0;
  const auto a = test::run(params()), b = test::run(none);
  const auto lost = [](const test::Totals& t) {
    return t.flow(S::ordinary_job, S::follow_up) / (t.flow(S::follow_up, S::ordinary_job) + 1);
  };
  CHECK(lost(b) > lost(a));
  // Follow-along costs the specialists' hours: with more of it per client, fewer hours are left for meetings.
  auto heavy = params();
  for (auto& cp : heavy.county_params) cp.support.follow_along_hours_per_week = 3;
  CHECK(total(test::run(heavy), meetings) < total(a, meetings));
}
