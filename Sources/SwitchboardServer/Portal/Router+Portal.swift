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
        // In watch mode every request checks its file, so a page reloaded after a rebuild never
        // gets the styles from before it.
        let cache = PortalFileCache(folder: PublicFolder(root: publicFolder), recheckAfter: liveReload == nil ? .milliseconds(100) : .zero)
        add(middleware: PortalFileMiddleware(cache: cache))
        add(
            middleware: FileMiddleware(publicFolder, searchForIndexHtml: true, logger: logger)
                .withAdditionalMediaTypes(forFileExtensions: PortalMediaTypes.mediaTypes))
    }
}
