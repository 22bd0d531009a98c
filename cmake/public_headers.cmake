# ringflow_public_headers(TARGET FOLDER [INTERNAL header...])
#
# The headers of the engine's FOLDER (core, pipeline, dispatch) become TARGET's public file set,
# installed under include/ringflow/FOLDER/. Every header is public unless it is listed as INTERNAL
# or its name contains "internal": a header added later is installed without anyone remembering to
# list it, and the package test compiles every installed header, so an installed one that includes
# an internal one fails there.
#
# The file set's base is engine/, so the build tree includes "core/disruptor.h" as before.
function(ringflow_public_headers target folder)
    cmake_parse_arguments(PARSE_ARGV 2 ARG "" "" "INTERNAL")
    set(base ${PROJECT_SOURCE_DIR}/engine)
    file(GLOB headers CONFIGURE_DEPENDS RELATIVE ${base} ${base}/${folder}/*.h)
    list(FILTER headers EXCLUDE REGEX "internal")
    foreach(internal IN LISTS ARG_INTERNAL)
        list(REMOVE_ITEM headers ${folder}/${internal})
    endforeach()
    list(TRANSFORM headers PREPEND ${base}/)
    target_sources(${target} PUBLIC FILE_SET HEADERS BASE_DIRS ${base} FILES ${headers})
endfunction()
