#pragma once
// "Did you mean ...?" for unknown keys and county names.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace iasim::scenario::detail {

// Edit distance (insertions, deletions, substitutions) over Unicode code points of UTF-8 text, ASCII letters
// compared case-insensitively, so "More og Romsdal" is one edit from "Møre og Romsdal".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible typo (at most max(2, |word|/3)
// edits), else one that contains `word` (at least 4 characters) as a part; nullopt when nothing fits.
std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates);

}  // namespace iasim::scenario::detail
