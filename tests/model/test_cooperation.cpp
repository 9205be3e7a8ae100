// Offices' cooperation propensities go together as SINTEF Tables 3.2 and 3.4 say: engaged offices (ALS and
// coach cooperation) more often have veiledere in close contact with employers.
#include <catch2/catch.hpp>

#include "sim/model/ia_model.hpp"
#include "sim/model/norway_2015.hpp"
#include "sim/model/simulate.hpp"

using namespace iasim;

namespace {

struct OfficeCounts {
  double offices = 0, engaged = 0, close = 0, rare = 0, close_engaged = 0;
};

OfficeCounts count_offices(model::Params p) {
  OfficeCounts n;
  p.run.population_scale = 0.02;  // offices do not scale; fewer people make the build quick
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    p.run.seed = seed;
    model::IaModel m(p);
    engine::Engine<model::IaModel> eng(m, model::engine_config(p, 0));
    m.initialise(eng);
    for (const auto& c : m.counties())
      for (const auto& o : c.offices) {
        const auto& op = p.county_params[c.index].office;
        const bool close = o.employer_contact_weight == static_cast<float>(op.employer_contact_weight_close);
        n.offices += 1;
        n.engaged += o.engaged;
        n.close += close;
        n.rare += o.employer_contact_weight == static_cast<float>(op.employer_contact_weight_rare);
        n.close_engaged += close && o.engaged;
      }
  }
  return n;
}

}  // namespace

TEST_CASE("engaged offices more often keep close contact with employers", "[model][cooperation]") {
  const auto n = count_offices(model::baseline_params());
  REQUIRE(n.offices == 6 * 457);
  CHECK(n.engaged / n.offices == Approx(0.20).margin(0.03));   // SINTEF L2424–2429
  CHECK(n.close / n.offices == Approx(0.28).margin(0.03));     // SINTEF L5739–5742
  CHECK(n.rare / n.offices == Approx(0.15).margin(0.03));
  const double close_if_engaged = n.close_engaged / n.engaged;
  const double close_if_not = (n.close - n.close_engaged) / (n.offices - n.engaged);
  CHECK(close_if_engaged > close_if_not + 0.1);

  auto independent = model::baseline_params();
  for (auto& cp : independent.county_params) {
    cp.office.cooperation_correlation_als_employers = 0;
    cp.office.cooperation_correlation_coach_employers = 0;
  }
  const auto m = count_offices(independent);
  CHECK(m.close_engaged / m.engaged == Approx((m.close - m.close_engaged) / (m.offices - m.engaged)).margin(0.06));
}
