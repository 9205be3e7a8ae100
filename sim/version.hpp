#pragma once
// The iasim version and the git commit it was built from; stamped at build time (cmake/version.cmake)
// so that every output file and `iasim --version` name exactly what produced them.
namespace iasim {
const char* version();
const char* git_commit();  // short hash, "-dirty" when built from uncommitted changes
}  // namespace iasim
