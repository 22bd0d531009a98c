# `cmake --install build --prefix P` installs the engine as a CMake package, so that another project
# does `find_package(Ringflow)` and links Ringflow::core, Ringflow::pipeline or Ringflow::dispatch:
#
#   P/include/ringflow/{core,pipeline,dispatch}/*.h   the public headers (see public_headers.cmake)
#   P/lib/libringflow_{core,pipeline,dispatch}.a
#   P/lib/cmake/Ringflow/                             RingflowConfig.cmake, its version file, the targets
#   P/bin/ringflow-run, ringflow-export (and the designer, ringflow, when it is built)
#
# Code outside includes <ringflow/core/disruptor.h>. The engine includes itself as "core/...",
# "pipeline/...": the installed targets therefore carry both P/include and P/include/ringflow.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(RINGFLOW_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Ringflow)

foreach(library ringflow_core ringflow_pipeline ringflow_dispatch)
    target_include_directories(${library} INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endforeach()
install(TARGETS ringflow_core ringflow_pipeline ringflow_dispatch
    EXPORT RingflowTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ringflow
)
install(EXPORT RingflowTargets NAMESPACE Ringflow:: DESTINATION ${RINGFLOW_CMAKE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/RingflowConfig.cmake.in
    ${PROJECT_BINARY_DIR}/RingflowConfig.cmake INSTALL_DESTINATION ${RINGFLOW_CMAKE_DIR})
# 0.x: a new minor version may change the API, so only the same minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/RingflowConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/RingflowConfig.cmake ${PROJECT_BINARY_DIR}/RingflowConfigVersion.cmake
    DESTINATION ${RINGFLOW_CMAKE_DIR})

# The headless tools, and the designer when this build has it.
install(TARGETS ringflow-run ringflow-export RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET ringflow)
    install(TARGETS ringflow RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
