#pragma once

// Lets QCOMPARE print the standard types the pipeline API uses when a comparison fails.

#include "pipeline/pipeline_spec.h"

#include <QtTest>

#include <optional>
#include <string>
#include <vector>

namespace ringflow::pipeline::testing {

inline std::string printable(const std::string &text)
{
    return "\"" + text + "\"";
}

inline std::string printable(const ParamValue &value)
{
    switch (value.index()) {
    case 0:
        return std::get<bool>(value) ? "true" : "false";
    case 1:
        return std::to_string(std::get<std::int64_t>(value));
    case 2:
        return QByteArray::number(std::get<double>(value), 'g', 17).toStdString() + " (real)";
    default:
        return printable(std::get<std::string>(value));
    }
}

template <typename T>
std::string printable(const std::vector<T> &items)
{
    std::string text = "[";
    for (const T &item : items)
        text += (text.size() > 1 ? ", " : "") + printable(item);
    return text + "]";
}

template <typename T>
std::string printable(const std::optional<T> &value)
{
    return value ? printable(*value) : std::string("nullopt");
}

} // namespace ringflow::pipeline::testing

namespace QTest {

#define RINGFLOW_TEST_PRINTER(Type)                                                                                    \
    template <>                                                                                                        \
    inline char *toString(const Type &value)                                                                           \
    {                                                                                                                  \
        return qstrdup(ringflow::pipeline::testing::printable(value).c_str());                                         \
    }

RINGFLOW_TEST_PRINTER(std::string)
RINGFLOW_TEST_PRINTER(std::vector<std::string>)
RINGFLOW_TEST_PRINTER(std::optional<std::string>)
RINGFLOW_TEST_PRINTER(ringflow::pipeline::ParamValue)
RINGFLOW_TEST_PRINTER(std::optional<ringflow::pipeline::ParamValue>)
RINGFLOW_TEST_PRINTER(std::vector<std::vector<std::string>>)

#undef RINGFLOW_TEST_PRINTER

} // namespace QTest
