import Hummingbird
import Logging

extension Router {
    /// The portal's static files: in watch mode pages with the reload script (or the build's
    /// errors) and the event stream; then files from memory, gzip-compressed for clients that
    /// accept it; then `FileMiddleware` (Range, large files, folders without their `/`).
    func addPortal(publicFolder: String, liveReload: LiveReload?, logger: Logger) {
        if let liveReload {
            add(middleware: LiveReloadMiddleware(liveReload: liveReload, publicFolder: publicFolder))
            get(RouterPath(LiveReload.eventsPath)) { _, _ in await liveReload.events() }
        }
        add(middleware: PortalFileMiddleware(cache: PortalFileCache(folder: PublicFolder(root: publicFolder))))
        add(
            middleware: FileMiddleware(publicFolder, searchForIndexHtml: true, logger: logger)
                .withAdditionalMediaTypes(forFileExtensions: PortalMediaTypes.mediaTypes))
    }
}
