#pragma once

#include <QCommandLineParser>

namespace edge::cli {

// Every option and the command list, for parsing and for --help.
void configureParser(QCommandLineParser &parser);

} // namespace edge::cli
